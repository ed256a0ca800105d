package io.fairtune.service.trial;

import java.util.List;

/** A study's unfinished trials, counted by status in one query. */
public record UnfinishedTrials(long pending, long queued, long running) {

    static UnfinishedTrials of(List<TrialRepository.StatusTotal> rows) {
        long pending = 0;
        long queued = 0;
        long running = 0;
        for (TrialRepository.StatusTotal row : rows) {
            switch (row.getStatus()) {
                case PENDING -> pending = row.getCount();
                case QUEUED -> queued = row.getCount();
                case RUNNING -> running = row.getCount();
                default -> throw new IllegalStateException("not an unfinished status: " + row.getStatus());
            }
        }
        return new UnfinishedTrials(pending, queued, running);
    }

    /** Queued or running: what {@code maxParallelTrials} bounds. */
    public long active() {
        return queued + running;
    }

    public long total() {
        return pending + queued + running;
    }
}
