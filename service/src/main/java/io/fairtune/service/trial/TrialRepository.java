package io.fairtune.service.trial;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TrialRepository extends JpaRepository<Trial, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Trial t where t.id = :id")
    Optional<Trial> lockById(long id);

    long countByStudyIdAndStatusIn(long studyId, Collection<TrialStatus> statuses);

    /** Pending trials, point by point across arms, so every arm is explored alike while the budget runs. */
    @Query(
            "select t from Trial t where t.studyId = :studyId and t.status = io.fairtune.service.trial.TrialStatus.PENDING"
                    + " order by t.phase desc, t.sampleIndex, t.armId")
    List<Trial> findPending(long studyId, Pageable page);

    List<Trial> findByStudyIdAndStatusIn(long studyId, Collection<TrialStatus> statuses);

    List<Trial> findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(long studyId);

    @Query("select t from Trial t where t.studyId = :studyId"
            + " and (:armId is null or t.armId = :armId)"
            + " and (:status is null or t.status = :status)"
            + " and (:phase is null or t.phase = :phase)")
    Page<Trial> search(long studyId, Long armId, TrialStatus status, TrialPhase phase, Pageable page);

    @Query("select t.armId as armId, t.phase as phase, t.status as status, count(t) as count from Trial t"
            + " where t.studyId in :studyIds group by t.armId, t.phase, t.status")
    List<StatusCount> countByArmAndStatus(Collection<Long> studyIds);

    /** A row of per-arm progress. */
    interface StatusCount {
        Long getArmId();

        TrialPhase getPhase();

        TrialStatus getStatus();

        Long getCount();
    }
}
