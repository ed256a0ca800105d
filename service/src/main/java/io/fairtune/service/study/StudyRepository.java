package io.fairtune.service.study;

import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Predicate;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface StudyRepository extends JpaRepository<Study, Long>, JpaSpecificationExecutor<Study> {

    /** Studies carrying every one of these labels. */
    static Specification<Study> labelled(Map<String, String> labels) {
        return (study, query, cb) -> cb.and(labels.entrySet().stream()
                .map(label -> {
                    MapJoin<Study, String, String> joined = study.joinMap("labels");
                    return cb.and(cb.equal(joined.key(), label.getKey()), cb.equal(joined.value(), label.getValue()));
                })
                .toArray(Predicate[]::new));
    }

    /** Serializes the transitions of one study (queue filling, completion, cancel). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Study s where s.id = :id")
    Optional<Study> lockById(long id);

    /** As {@link #lockById} for the study of a trial, in one round trip; the trial itself is not loaded. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Study s where s.id = (select t.studyId from Trial t where t.id = :trialId)")
    Optional<Study> lockByTrialId(long trialId);
}
