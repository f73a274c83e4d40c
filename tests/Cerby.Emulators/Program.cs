using Cerby.Emulators.Graph;
using Cerby.Emulators.Meta;
using Cerby.Emulators.Okta;
using Cerby.Emulators.TikTok;

// Standalone emulators for the sandbox: the first argument names the API to emulate.
return args switch
{
    ["meta", .. var rest] => await MetaEmulatorCommand.RunAsync(rest),
    ["okta", .. var rest] => await OktaEmulatorCommand.RunAsync(rest),
    ["graph", .. var rest] => await GraphEmulatorCommand.RunAsync(rest),
    ["tiktok", .. var rest] => await TikTokEmulatorCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Cerby.Emulators meta [--port P] [--business ID] [--token T] [--users N]");
    Console.Error.WriteLine("     | Cerby.Emulators okta [--port P] [--token T] [--users N]");
    Console.Error.WriteLine("     | Cerby.Emulators graph [--port P] [--tenant T] [--client-id C] [--client-secret S] [--users N]");
    Console.Error.WriteLine("     | Cerby.Emulators tiktok [--port P] [--bc ID] [--token T] [--members N]");
    return 2;
}
