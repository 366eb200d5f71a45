extension KeyBinding {
    /// A demo parameter's `keys` written as the command-line option that sets it: `stride N`
    /// becomes `--stride N`; keys already starting with `-` are kept. `DemoScreen.parameterHelp`
    /// entries may be written either way.
    public var optionText: String {
        keys.hasPrefix("-") ? keys : "--" + keys
    }
}
