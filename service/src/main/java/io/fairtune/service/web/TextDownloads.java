package io.fairtune.service.web;

/**
 * How the API document describes its text answers (the Markdown report, the trials CSV). They are documented as
 * binary downloads of their media type: a generated client then hands over the bytes as they came, where a plain
 * {@code string} schema makes several generators (Java's native one among them) parse the text as JSON.
 */
public final class TextDownloads {

    public static final String DESCRIPTION = "UTF-8 text of the media type below, as a download";

    private TextDownloads() {}
}
