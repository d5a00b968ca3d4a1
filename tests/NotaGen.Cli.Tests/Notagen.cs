using NotaGen.Testing;

namespace NotaGen.Cli.Tests;

/// <summary>Runs the built <c>notagen.dll</c> (copied beside the tests) with the same dotnet that runs the tests.</summary>
internal static class Notagen
{
    public static ExternalTool.Result Run(string workingDirectory, params string[] arguments)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var cli = Path.Combine(AppContext.BaseDirectory, "notagen.dll");
        return ExternalTool.Run(host, [cli, .. arguments], workingDirectory, TimeSpan.FromMinutes(2));
    }
}
