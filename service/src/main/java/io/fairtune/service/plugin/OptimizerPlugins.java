package io.fairtune.service.plugin;

import io.fairtune.contract.plugin.OptimizerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link OptimizerRegistry} of this process; an invalid plugins directory stops the start. */
@Configuration(proxyBeanMethods = false)
class OptimizerPlugins {

    private static final Logger log = LoggerFactory.getLogger(OptimizerPlugins.class);

    @Bean
    OptimizerRegistry optimizerRegistry(@Value("${fairtune.plugins-dir:}") String pluginsDir) {
        OptimizerRegistry registry = OptimizerRegistry.load(pluginsDir);
        log.info("Optimizers: {}", registry.describe());
        return registry;
    }
}
