/** An example optimizer plugin: Signum, the sign of momentum (Bernstein et al. 2018). */
package io.fairtune.examples.signum;
