package io.fairtune.service.demo;

import io.fairtune.service.report.Report;
import io.fairtune.service.report.ReportService;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.api.StudyQueries;
import io.fairtune.service.study.api.StudyService;
import io.fairtune.service.study.api.StudyViews.ArmProgress;
import io.fairtune.service.study.api.StudyViews.StudySummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * {@code --fairtune.demo=true}: submits a bundled comparison study (Fashion-MNIST when Debian's
 * dataset-fashion-mnist is installed, else the synthetic smoke study) and logs its progress until it ends.
 */
@Component
@ConditionalOnBooleanProperty("fairtune.demo")
class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final StudyService studies;
    private final StudyQueries queries;
    private final ReportService reports;
    private final Path fashionMnistDir;
    private final Environment environment;

    DemoRunner(
            StudyService studies,
            StudyQueries queries,
            ReportService reports,
            @Value("${fairtune.data.fashion-mnist-dir:/usr/share/datasets/fashion-mnist}") Path fashionMnistDir,
            Environment environment) {
        this.studies = studies;
        this.queries = queries;
        this.reports = reports;
        this.fashionMnistDir = fashionMnistDir;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean fashion = Files.isDirectory(fashionMnistDir);
        String resource = fashion ? "specs/fashion-mnist-demo.json" : "specs/synthetic-smoke.json";
        if (!fashion) {
            log.info(
                    "Fashion-MNIST not found in {} (apt-get install dataset-fashion-mnist); demo uses synthetic data",
                    fashionMnistDir);
        }
        String json = read(resource);
        Study study = studies.create(StudySpecParser.parse(json), json, new StudyService.Creator("demo", null));
        log.info("Demo study {} submitted from {}", study.id(), resource);
        Thread progress = new Thread(() -> follow(study.id()), "fairtune-demo-progress");
        progress.setDaemon(true);
        progress.start();
    }

    private void follow(long studyId) {
        long started = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            StudySummary summary = queries.get(studyId).summary();
            String arms = summary.arms().stream().map(DemoRunner::progress).collect(Collectors.joining(", "));
            log.info("Demo study {} {}: {}", studyId, summary.status(), arms);
            if (summary.status().finished()) {
                log.info("Demo study {} finished in {} s", studyId, (System.nanoTime() - started) / 1_000_000_000L);
                announceClaims(studyId);
                return;
            }
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the study showed, claim by claim, and where to look at it. */
    private void announceClaims(long studyId) {
        Report.ClaimFamily family = reports.report(studyId).claims();
        StringBuilder text = new StringBuilder("\n\n  Demo study ")
                .append(studyId)
                .append(": ")
                .append(family.text());
        for (Report.ClaimResult claim : family.results()) {
            text.append("\n    ").append(claim.outcome()).append("  ").append(claim.text());
        }
        boolean concluded = family.results().stream()
                .anyMatch(c -> c.outcome() == Report.ClaimOutcome.PASS || c.outcome() == Report.ClaimOutcome.FAIL);
        if (!concluded) {
            text.append("\n  This demo's budget is too small to conclude anything: every claim stays open. Raise")
                    .append(" finalEvaluation.seeds to the seeds each claim names to settle it.");
        }
        String port = environment.getProperty("local.server.port", "8080");
        text.append("\n  Study page: http://localhost:")
                .append(port)
                .append("/#/studies/")
                .append(studyId)
                .append('\n');
        log.info(text.toString());
    }

    private static String progress(ArmProgress arm) {
        long finalRuns =
                arm.finalPhase().values().stream().mapToLong(Long::longValue).sum();
        long finalDone = arm.finalPhase().entrySet().stream()
                .filter(e -> e.getKey().finished())
                .mapToLong(Map.Entry::getValue)
                .sum();
        String tuning = arm.name() + " " + arm.finished() + "/" + arm.planned();
        return finalRuns == 0 ? tuning : tuning + " (final " + finalDone + "/" + finalRuns + ")";
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing bundled spec " + resource, e);
        }
    }
}
