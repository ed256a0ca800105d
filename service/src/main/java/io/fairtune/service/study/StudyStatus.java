package io.fairtune.service.study;

/** Where a study is in its life. */
public enum StudyStatus {
    /** Tuning trials are planned, queued or running. */
    TUNING,
    /** The best point of each arm is re-trained with fresh seeds. */
    FINAL_PHASE,
    COMPLETED,
    CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED;
    }
}
