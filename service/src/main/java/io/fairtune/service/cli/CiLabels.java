package io.fairtune.service.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance a CI run gives a study: commit, branch, run URL and CI name, read from the variables GitHub
 * Actions and GitLab CI set on every job. Outside CI there are none.
 */
final class CiLabels {

    private CiLabels() {}

    static Map<String, String> from(Map<String, String> environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        if ("true".equals(environment.get("GITHUB_ACTIONS"))) {
            labels.put("ci", "github-actions");
            put(labels, "commit", environment.get("GITHUB_SHA"));
            // A pull request's branch is its head ref; a push's is the ref name.
            put(labels, "branch", firstOf(environment.get("GITHUB_HEAD_REF"), environment.get("GITHUB_REF_NAME")));
            String server = environment.get("GITHUB_SERVER_URL");
            String repository = environment.get("GITHUB_REPOSITORY");
            String run = environment.get("GITHUB_RUN_ID");
            if (present(server) && present(repository) && present(run)) {
                labels.put("run_url", server + "/" + repository + "/actions/runs/" + run);
            }
        } else if ("true".equals(environment.get("GITLAB_CI"))) {
            labels.put("ci", "gitlab-ci");
            put(labels, "commit", environment.get("CI_COMMIT_SHA"));
            put(
                    labels,
                    "branch",
                    firstOf(
                            environment.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
                            environment.get("CI_COMMIT_REF_NAME")));
            put(labels, "run_url", environment.get("CI_JOB_URL"));
        }
        return labels;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (present(value)) {
            labels.put(key, value.trim());
        }
    }

    private static String firstOf(String first, String second) {
        return present(first) ? first : second;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
