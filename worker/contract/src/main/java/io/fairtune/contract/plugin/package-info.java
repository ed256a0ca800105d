/**
 * Optimizer plugins: a per-tensor update rule with its hyperparameter catalog, found with {@link
 * java.util.ServiceLoader} in the jars of a plugins directory, and the registry of built-ins and plugins that the
 * service validates against and the worker trains with. A plugin jar depends on this module alone, never on ND4J.
 */
package io.fairtune.contract.plugin;
