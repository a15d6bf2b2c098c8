/**
 * The terminal display, one idea: {@link org.backpropninja.terminal.Progress} draws a live line of
 * how far a long phase has come and how long is left, only on a terminal, and ends it when the
 * program is stopped. The commands use it; nothing in the library does.
 */
package org.backpropninja.terminal;
