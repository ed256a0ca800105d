package io.fairtune.service.trial;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface AttemptRepository extends JpaRepository<Attempt, Long> {

    Optional<Attempt> findByTrialIdAndNumber(long trialId, int number);

    List<Attempt> findByTrialIdOrderByNumber(long trialId);

    /** Heartbeats use the database clock, so node clocks never decide whether an attempt is alive. */
    @Modifying
    @Query(
            value = "update attempt set last_heartbeat_at = now() where trial_id = :trialId and number = :number",
            nativeQuery = true)
    int touch(long trialId, int number);

    /** Running attempts silent for longer than the timeout, measured with PostgreSQL's clock. */
    @Query(
            value = "select * from attempt where status = 'RUNNING'"
                    + " and last_heartbeat_at < now() - make_interval(secs => :timeoutSeconds)",
            nativeQuery = true)
    List<Attempt> findSilentSince(double timeoutSeconds);
}
