package org.fieldbook.tests

import java.io.File
import java.net.ServerSocket
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/** A real `fieldbook-server` process on loopback with its own data directory. */
class TestServer : AutoCloseable {
    private val binary = System.getProperty("fieldbook.server") ?: error("set -Dfieldbook.server")
    val data: File = Files.createTempDirectory("fieldbook-server").toFile()
    val port: Int = ServerSocket(0).use { it.localPort }
    val url = "http://127.0.0.1:$port"
    private val process: Process

    init {
        process = ProcessBuilder(binary, "--data", data.path, "serve", "--listen", "127.0.0.1:$port")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val reader = process.inputStream.bufferedReader()
        while (true) {
            val line = reader.readLine() ?: error("server exited before listening")
            if (line.contains("listening on")) break
        }
    }

    /** Runs `fieldbook-server admin --json ARGS` and returns its JSON output. */
    fun admin(vararg args: String): String {
        val p = ProcessBuilder(listOf(binary, "--data", data.path, "admin", "--json") + args)
            .redirectErrorStream(false)
            .start()
        val out = p.inputStream.bufferedReader().readText()
        val err = p.errorStream.bufferedReader().readText()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "admin ${args.toList()} failed: $err" }
        return out
    }

    /** The first value of `"key": "…"` in a JSON text. */
    fun field(json: String, key: String): String =
        Regex("\"$key\"\\s*:\\s*\"([^\"]*)\"").find(json)?.groupValues?.get(1) ?: error("no $key in $json")

    fun team(): String = field(admin("team", "add", "Kotlin team"), "id")

    fun user(team: String, name: String, role: String): String =
        field(admin("user", "add", "--team", team, "--name", name, "--role", role), "id")

    fun code(user: String): String = field(admin("enroll-code", "--user", user), "code")

    /** Gives a job seeker to one specialist, off everyone else's caseload (a supervisor's hand-over). */
    fun reassign(seeker: String, specialist: String) {
        admin("assign", "--seeker", seeker, "--specialist", specialist, "--replace")
    }

    override fun close() {
        process.destroy()
        process.waitFor(10, TimeUnit.SECONDS)
        data.deleteRecursively()
    }
}
