package io.fairtune.worker.node;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * This process runs trials: it has built-in trainer slots ({@code fairtune.worker.slots > 0}, the default) or
 * external trainers ({@code fairtune.worker.trainers.*}). A worker with external trainers only never starts the
 * built-in trainer's scheduler, so it never takes a DL4J trial.
 */
class TrialRunningNode extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        int slots = binder.bind("fairtune.worker.slots", Integer.class).orElse(1);
        boolean trainers = !binder.bind("fairtune.worker.trainers", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of())
                .isEmpty();
        return slots > 0 || trainers
                ? ConditionOutcome.match("trial slots: " + slots + ", external trainers: " + trainers)
                : ConditionOutcome.noMatch("no trial slots and no external trainers: this node only schedules");
    }
}
