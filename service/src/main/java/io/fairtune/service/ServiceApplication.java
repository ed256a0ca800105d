package io.fairtune.service;

public final class ServiceApplication {
    private ServiceApplication() {}

    public static void main(String[] args) {}
}
