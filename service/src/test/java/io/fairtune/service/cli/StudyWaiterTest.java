package io.fairtune.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StudyWaiterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aStudyThatCannotMoveSaysWhyInItsProgressLine() {
        String study = """
                {"summary": {"id": 7, "status": "TUNING", "arms": [{"planned": 4, "tuning": {"QUEUED": 2}}]},
                 "budget": {"finalSeeds": 0}, "waiting": "waiting: no live worker has trainer 'torch'"}
                """;

        assertThat(StudyWaiter.progress(JSON.readTree(study)))
                .isEqualTo("study 7 TUNING [....................] tuning 0/4, final 0/0;"
                        + " waiting: no live worker has trainer 'torch'");
        assertThat(StudyWaiter.progress(JSON.readTree(study.replace("\"waiting\"", "\"other\""))))
                .isEqualTo("study 7 TUNING [....................] tuning 0/4, final 0/0");
    }
}
