package io.fairtune.service.study;

import io.fairtune.service.json.Json;
import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.StoredSpaces;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

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

    @Column(name = "tuned_hyperparameters")
    private String tunedHyperparameters;

    @Column(name = "schedule_settings")
    private String scheduleSettings;

    protected Arm() {}

    /** An arm as designed by an accepted spec; its space is kept as submitted. */
    public Arm(long studyId, int position, ArmSpec design, Object submittedSpace) {
        this.studyId = studyId;
        this.position = position;
        this.name = design.name();
        this.optimizer = design.optimizer();
        this.scheduleType = design.schedule().type();
        this.space = Json.write(submittedSpace);
        this.tunedHyperparameters = Json.write(design.tunedParameters());
        this.scheduleSettings = Json.write(design.schedule().settings());
    }

    /**
     * The arm's design read back as stored, without the spec validation of today: its space, the values its schedule
     * fixes, its optimizer and schedule type.
     */
    public ArmSpec design() {
        return new ArmSpec(
                name,
                optimizer,
                new ArmSpec.Schedule(scheduleType, Json.readMap(scheduleSettings)),
                StoredSpaces.read(Json.readMap(space)));
    }

    /** The names the search tunes, in spec order: dimension d of the search is element d. */
    public List<String> tunedHyperparameters() {
        return Json.readList(tunedHyperparameters).stream().map(String::valueOf).toList();
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
