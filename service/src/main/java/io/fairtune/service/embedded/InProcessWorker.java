package io.fairtune.service.embedded;

import org.springframework.util.ClassUtils;

/** The worker node the default jar embeds, so one process trains too; the schedule-only jar leaves it out. */
public final class InProcessWorker {

    static final String NODE = "io.fairtune.worker.node.WorkerNodeAutoConfiguration";

    private InProcessWorker() {}

    public static boolean present() {
        return ClassUtils.isPresent(NODE, InProcessWorker.class.getClassLoader());
    }
}
