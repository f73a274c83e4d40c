using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;

// Standalone emulators for the sandbox: the first argument names the API to emulate.
return args switch
{
    ["meta", .. var rest] => await MetaEmulatorCommand.RunAsync(rest),
    ["okta", .. var rest] => await OktaEmulatorCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Cerby.Emulators meta [--port P] [--business ID] [--token T] [--users N]");
    Console.Error.WriteLine("     | Cerby.Emulators okta [--port P] [--token T] [--users N]");
    return 2;
}
