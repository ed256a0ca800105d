/**
 * External trainers: a program registered in the worker's own configuration trains a trial, speaking the protocol
 * of the README's "External trainers" (a JSON input file in, one JSON line per measurement and a result line out),
 * while the node keeps its usual claim, fencing, heartbeats and cancel.
 */
package io.fairtune.worker.external;
