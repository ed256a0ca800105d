package io.fairtune.contract.plugin;

/** A plugins directory that cannot be used: unreadable, a jar that does not load, or a plugin that is not valid. */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
