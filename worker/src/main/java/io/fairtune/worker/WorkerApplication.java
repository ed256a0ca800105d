package io.fairtune.worker;

public final class WorkerApplication {
    private WorkerApplication() {}

    public static void main(String[] args) {}
}
