package io.fairtune.service.study;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ArmRepository extends JpaRepository<Arm, Long> {
    List<Arm> findByStudyIdOrderByPosition(long studyId);
}
