//! The uniffi binding generator, run by `bindings/scripts/generate`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
