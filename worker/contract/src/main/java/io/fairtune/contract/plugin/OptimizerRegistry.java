package io.fairtune.contract.plugin;

import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.contract.catalog.OptimizerCatalog;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The optimizers a process knows: the built-ins of {@link OptimizerCatalog} and the plugins of its plugins
 * directory, built once at start. The service validates specs against it and the worker creates rules from it, so
 * a plugin arm is checked, sampled and reported exactly as a built-in one. Every plugin's definition is checked
 * here, and {@code label_smoothing} is appended to it as to every built-in.
 */
public final class OptimizerRegistry {

    /** Optimizer and hyperparameter names appear in specs, URLs and reports: plain lowercase words. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** Names a plugin may not declare: the schedules' settings (the base rate among them) and the loss's. */
    private static final Set<String> RESERVED = reserved();

    private static final OptimizerRegistry BUILT_INS = new OptimizerRegistry(List.of(), "no plugins directory");

    private final Map<String, OptimizerDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, OptimizerPlugin> plugins = new LinkedHashMap<>();
    private final String source;

    private OptimizerRegistry(List<OptimizerPlugin> found, String source) {
        this.source = source;
        OptimizerCatalog.all().forEach(d -> definitions.put(d.name(), d));
        for (OptimizerPlugin plugin : found) {
            OptimizerDefinition definition = checked(plugin);
            String name = definition.name();
            if (definitions.containsKey(name)) {
                throw new PluginException(origin(plugin) + ": optimizer '" + name + "' is already "
                        + (plugins.containsKey(name) ? "defined by " + origin(plugins.get(name)) : "built in"));
            }
            definitions.put(name, definition);
            plugins.put(name, plugin);
        }
    }

    /** The seven built-ins alone: a process started without a plugins directory. */
    public static OptimizerRegistry builtIns() {
        return BUILT_INS;
    }

    /** The built-ins and the given plugins (tests, and plugin authors checking their definition). */
    public static OptimizerRegistry of(List<OptimizerPlugin> plugins) {
        return new OptimizerRegistry(plugins, "plugins given in code");
    }

    /**
     * The built-ins and every plugin in the jars of {@code directory}, loaded by one class loader whose parent has
     * this contract.
     *
     * @param directory {@code null} or blank for none
     * @throws PluginException with a one-line reason when the directory is unreadable, a jar does not load, a
     *     plugin's definition is invalid, or two optimizers share a name
     */
    public static OptimizerRegistry load(String directory) {
        if (directory == null || directory.isBlank()) {
            return BUILT_INS;
        }
        Path dir = Path.of(directory.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw new PluginException("plugins directory " + dir + " is not a readable directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new PluginException("plugins directory " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        // Never closed: the plugins' classes are used for the life of the process.
        URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), OptimizerPlugin.class.getClassLoader());
        List<OptimizerPlugin> found = new ArrayList<>();
        try {
            // Only the jars' own providers: a class path that happens to list a plugin does not install it.
            ServiceLoader.load(OptimizerPlugin.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .forEach(provider -> found.add(provider.get()));
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PluginException("a plugin in " + dir + " does not load: " + e.getMessage(), e);
        }
        return new OptimizerRegistry(found, jars.size() + " jar(s) in " + dir);
    }

    public Optional<OptimizerDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** Built-ins first, then plugins in the order they were found. */
    public List<String> names() {
        return List.copyOf(definitions.keySet());
    }

    public List<OptimizerDefinition> all() {
        return List.copyOf(definitions.values());
    }

    /** The plugin behind an optimizer; empty for a built-in or an unknown name. */
    public Optional<OptimizerPlugin> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    public List<String> pluginNames() {
        return List.copyOf(plugins.keySet());
    }

    /** One line for the start-up log. */
    public String describe() {
        return plugins.isEmpty()
                ? "built-in optimizers only (" + source + ")"
                : "optimizer plugins " + String.join(", ", plugins.keySet()) + " (" + source + ")";
    }

    /** The plugin's definition, checked, with {@code label_smoothing} appended. */
    private static OptimizerDefinition checked(OptimizerPlugin plugin) {
        OptimizerDefinition definition;
        try {
            definition = plugin.definition();
        } catch (RuntimeException e) {
            throw new PluginException(origin(plugin) + ": definition() failed: " + e, e);
        }
        String where = origin(plugin);
        if (definition == null || definition.name() == null || definition.hyperparameters() == null) {
            throw new PluginException(where + ": definition() must give a name and a list of hyperparameters");
        }
        String name = definition.name();
        if (!NAME.matcher(name).matches()) {
            throw new PluginException(where + ": optimizer name '" + name + "' must match " + NAME.pattern());
        }
        where = where + ", optimizer '" + name + "'";
        if (definition.weightDecayKind() == null) {
            throw new PluginException(where + ": weight-decay kind is missing (NONE, COUPLED or DECOUPLED)");
        }
        Set<String> seen = new HashSet<>();
        for (HyperparameterDefinition h : definition.hyperparameters()) {
            check(where, h);
            if (!seen.add(h.name())) {
                throw new PluginException(where + ": hyperparameter '" + h.name() + "' is declared twice");
            }
        }
        List<HyperparameterDefinition> all = new ArrayList<>(definition.hyperparameters());
        all.add(OptimizerCatalog.LABEL_SMOOTHING);
        return new OptimizerDefinition(name, all, definition.weightDecayKind());
    }

    private static void check(String where, HyperparameterDefinition h) {
        if (h == null || h.name() == null || h.kind() == null) {
            throw new PluginException(where + ": a hyperparameter has no name or kind");
        }
        String name = h.name();
        if (!NAME.matcher(name).matches()) {
            throw new PluginException(where + ": hyperparameter name '" + name + "' must match " + NAME.pattern());
        }
        if (RESERVED.contains(name)) {
            throw new PluginException(where + ": '" + name
                    + "' is reserved (the schedule's or the loss's setting; the rule is handed η_t)");
        }
        Object fallback = h.defaultValue();
        if (h.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            if (!(fallback instanceof Boolean)) {
                throw new PluginException(where + ": flag '" + name + "' needs a true or false default");
            }
            return;
        }
        if (Double.isNaN(h.min()) || Double.isNaN(h.max()) || !(h.min() < h.max())) {
            throw new PluginException(where + ": '" + name + "' has an empty or invalid range " + h.rangeText());
        }
        if (fallback == null && !h.required()) {
            throw new PluginException(where + ": '" + name + "' has no default, so it must be required");
        }
        if (fallback != null && !(fallback instanceof Double value && h.accepts(value))) {
            throw new PluginException(
                    where + ": default of '" + name + "' is " + fallback + ", outside its range " + h.rangeText());
        }
    }

    private static Set<String> reserved() {
        Set<String> names = new HashSet<>();
        names.add(ScheduleCatalog.LEARNING_RATE);
        names.add(OptimizerCatalog.LABEL_SMOOTHING.name());
        names.add("type");
        for (String type : ScheduleCatalog.types()) {
            ScheduleCatalog.find(type).map(ScheduleDefinition::settings).orElse(List.of()).stream()
                    .map(HyperparameterDefinition::name)
                    .forEach(names::add);
        }
        return Collections.unmodifiableSet(names);
    }

    /** The plugin's class and the jar it came from, for error messages. */
    private static String origin(OptimizerPlugin plugin) {
        Class<?> type = plugin.getClass();
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "plugin " + type.getName();
        }
        try {
            Path jar = Path.of(code.getLocation().toURI());
            return "plugin " + type.getName() + " (" + jar.getFileName() + ")";
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return "plugin " + type.getName() + " (" + code.getLocation() + ")";
        }
    }
}
