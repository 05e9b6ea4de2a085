package org.fieldbook.tests

import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * A loopback relay in front of a [TestServer] that passes bytes both ways and can hold the
 * server's next answer: a test then acts on the phone while its sync waits for the answer, as
 * a person does while a background sync runs. Real HTTP, real server; only the timing is set.
 */
class Relay(private val targetPort: Int) : AutoCloseable {
    private val listener = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val url = "http://127.0.0.1:${listener.localPort}"
    private val next = AtomicReference<Hold?>(null)

    /** The server's next answer, kept back at the relay until [release]. */
    inner class Hold {
        private val arrived = CountDownLatch(1)
        private val released = CountDownLatch(1)

        /** Waits until the answer reached the relay (the request was answered). */
        fun awaitArrival() = check(arrived.await(60, TimeUnit.SECONDS)) { "no answer came to hold" }

        /** Lets the answer through to the phone. */
        fun release() = released.countDown()

        internal fun holdHere() {
            arrived.countDown()
            released.await(60, TimeUnit.SECONDS)
        }
    }

    init {
        thread(isDaemon = true, name = "relay") {
            while (!listener.isClosed) {
                val phone = try { listener.accept() } catch (e: Exception) { break }
                val server = Socket(InetAddress.getLoopbackAddress(), targetPort)
                pump(phone.getInputStream(), server, holding = false)
                pump(server.getInputStream(), phone, holding = true)
            }
        }
    }

    /** Holds the next bytes the server sends (the answer to the next request). */
    fun holdNextAnswer(): Hold = Hold().also { check(next.compareAndSet(null, it)) { "already holding" } }

    private fun pump(from: InputStream, to: Socket, holding: Boolean) = thread(isDaemon = true) {
        val out: OutputStream = to.getOutputStream()
        val buffer = ByteArray(64 * 1024)
        try {
            while (true) {
                val n = from.read(buffer)
                if (n < 0) break
                if (holding) next.getAndSet(null)?.holdHere()
                out.write(buffer, 0, n)
                out.flush()
            }
        } catch (e: Exception) {
            // The other side closed the connection.
        } finally {
            runCatching { to.shutdownOutput() }
        }
    }

    override fun close() {
        next.getAndSet(null)?.release()
        listener.close()
    }
}
