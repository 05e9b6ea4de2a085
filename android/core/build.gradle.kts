// The generated uniffi bindings (bindings/scripts/build-android writes them to
// build/generated/uniffi). Plain Kotlin: JNA is provided by the app (as an .aar) or, in the
// JVM tests, by the jar.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin {
    jvmToolchain(17)
    sourceSets["main"].kotlin.srcDir(layout.buildDirectory.dir("generated/uniffi"))
}

dependencies {
    compileOnly(libs.jna)
}
