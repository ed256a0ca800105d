package io.fairtune.service.study;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One optimizer under comparison in a study, with its schedule family and search space. */
@Entity
@Table(name = "arm")
public class Arm {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "study_id")
    private long studyId;

    private int position;
    private String name;
    private String optimizer;

    @Column(name = "schedule_type")
    private String scheduleType;

    private String space;

    protected Arm() {}

    Arm(long studyId, int position, String name, String optimizer, String scheduleType, String spaceJson) {
        this.studyId = studyId;
        this.position = position;
        this.name = name;
        this.optimizer = optimizer;
        this.scheduleType = scheduleType;
        this.space = spaceJson;
    }

    public Long id() {
        return id;
    }

    public long studyId() {
        return studyId;
    }

    public int position() {
        return position;
    }

    public String name() {
        return name;
    }

    public String optimizer() {
        return optimizer;
    }

    public String scheduleType() {
        return scheduleType;
    }

    public String spaceJson() {
        return space;
    }
}
