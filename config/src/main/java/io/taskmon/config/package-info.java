/** Settings of every taskmon process: read one way, with one duration grammar and one naming scheme. */
package io.taskmon.config;
