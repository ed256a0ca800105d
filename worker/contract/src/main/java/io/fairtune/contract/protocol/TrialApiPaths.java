package io.fairtune.contract.protocol;

/** The attempt API both sides speak; one place so the paths cannot drift apart. */
public final class TrialApiPaths {
    public static final String ATTEMPTS = "/api/v1/trials/{trialId}/attempts";
    public static final String MEASUREMENTS = ATTEMPTS + "/{attempt}/measurements";
    public static final String HEARTBEAT = ATTEMPTS + "/{attempt}/heartbeat";
    public static final String RESULT = ATTEMPTS + "/{attempt}/result";
    public static final String FAILURE = ATTEMPTS + "/{attempt}/failure";

    private TrialApiPaths() {}

    public static String expand(String template, long trialId, int attempt) {
        return template.replace("{trialId}", Long.toString(trialId)).replace("{attempt}", Integer.toString(attempt));
    }

    public static String expand(String template, long trialId) {
        return template.replace("{trialId}", Long.toString(trialId));
    }
}
