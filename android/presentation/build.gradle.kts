// Screen state and wording, with no Android dependency: compiled and tested on the JVM
// (here with Gradle; in the repository's CI by bindings/scripts/kotlin-test).
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin {
    jvmToolchain(17)
    // The bindings' own JVM tests and their real-server helper run with these.
    sourceSets["test"].kotlin.srcDir("../../bindings/kotlin-tests")
}

dependencies {
    implementation(project(":core"))
    testImplementation(libs.junit.jupiter)
    testImplementation(libs.jna)
}

tasks.test {
    useJUnitPlatform()
    systemProperty("jna.library.path", rootDir.resolve("../target/debug").path)
    systemProperty("fieldbook.server", rootDir.resolve("../target/debug/fieldbook-server").path)
}
