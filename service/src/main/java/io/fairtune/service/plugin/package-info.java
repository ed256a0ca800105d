/**
 * Optimizer plugins on the service side: the registry of built-ins and the plugins of {@code fairtune.plugins-dir},
 * built once at start, which spec validation, planning, reports and the in-process slot share. The service reads a
 * plugin's catalog entry only and never runs its rule.
 */
package io.fairtune.service.plugin;
