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

    /**
     * The study's unfinished trials by status. The statuses are literals, not a collection parameter: Hibernate
     * caches the translation of such a query, and re-translated the collection form on every call (a third of a
     * result report's time on the in-process slot).
     */
    @Query("select t.status as status, count(t) as count from Trial t where t.studyId = :studyId and t.status in"
            + " (io.fairtune.service.trial.TrialStatus.PENDING, io.fairtune.service.trial.TrialStatus.QUEUED,"
            + " io.fairtune.service.trial.TrialStatus.RUNNING) group by t.status")
    List<StatusTotal> countUnfinishedByStatus(long studyId);

    default UnfinishedTrials countUnfinished(long studyId) {
        return UnfinishedTrials.of(countUnfinishedByStatus(studyId));
    }

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

    /** A row of {@link #countUnfinishedByStatus}. */
    interface StatusTotal {
        TrialStatus getStatus();

        Long getCount();
    }

    /** A row of per-arm progress. */
    interface StatusCount {
        Long getArmId();

        TrialPhase getPhase();

        TrialStatus getStatus();

        Long getCount();
    }
}
