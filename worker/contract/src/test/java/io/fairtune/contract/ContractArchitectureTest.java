package io.fairtune.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract stays small: both sides depend on it, so it depends on nothing of theirs. */
class ContractArchitectureTest {

    @Test
    void theContractNeedsNoFrameworkAndNoTrainer() {
        JavaClasses contract = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fairtune.contract");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "io.fairtune.contract..",
                        "org.quartz..",
                        "org.slf4j..",
                        "com.fasterxml.jackson.annotation..")
                .because("the service compiles against the contract, and a schedule-only service has no DL4J or Spring"
                        + " in it beyond its own")
                .check(contract);
    }
}
