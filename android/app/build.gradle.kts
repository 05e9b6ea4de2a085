plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "org.fieldbook.app"
    compileSdk = 35

    defaultConfig {
        applicationId = "org.fieldbook.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            isMinifyEnabled = false
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
    buildFeatures {
        compose = true
    }
}

dependencies {
    implementation(project(":core"))
    implementation(project(":presentation"))
    implementation("${libs.jna.get()}@aar")
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.material3)
    implementation(libs.compose.ui)
    implementation(libs.compose.ui.tooling.preview)
    implementation(libs.activity.compose)
    implementation(libs.activity.ktx) // `by viewModels()`
    implementation(libs.navigation.compose)
    implementation(libs.core.ktx)
    implementation(libs.work.runtime)
    implementation(libs.biometric)
    // Google code scanner (GmsBarcodeScanning): the enrollment QR code, no camera permission.
    implementation(libs.code.scanner)
}
