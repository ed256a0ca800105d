package io.fairtune.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's seams, kept by the build: what may depend on what. */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fairtune.service");

    @Test
    void theServiceNeverTrains() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "org.bytedeco..", "io.fairtune.worker..")
                .because("the service compiles against the worker contract only; the node is its run-time slot")
                .check(SERVICE);
    }

    @Test
    void theDomainCoreImportsNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.fairtune.service.spec..",
                        "io.fairtune.service.sampling..",
                        "io.fairtune.service.report.stats..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "org.hibernate..", "jakarta.servlet..")
                .because("parsing, planning and statistics are pure and testable without a context")
                .check(SERVICE);
    }

    /** Renaming a field of a worker record must never silently change the REST API. */
    @Test
    void restViewsAreTheServicesOwnRecords() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> views :
                List.of(io.fairtune.service.study.api.StudyViews.class, io.fairtune.service.report.Report.class)) {
            List<Class<?>> records = new ArrayList<>(List.of(views.getDeclaredClasses()));
            records.add(views);
            for (Class<?> record : records) {
                if (!record.isRecord()) {
                    continue;
                }
                for (RecordComponent component : record.getRecordComponents()) {
                    String type = component.getGenericType().getTypeName();
                    if (type.contains("io.fairtune.contract.") || type.contains("io.fairtune.worker.")) {
                        leaks.add(record.getSimpleName() + "." + component.getName() + ": " + type);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.fairtune.service.(**)").should().beFreeOfCycles().check(SERVICE);
    }
}
