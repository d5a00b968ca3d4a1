using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen serve</c> as a user starts it: it says where the page is and serves it; bad settings fail clearly.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_prints_its_address_on_loopback_and_serves_the_page_and_the_prompts()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "notagen.dll"), "serve", "--port", "0", "--synth", "builtin" })
            info.ArgumentList.Add(argument);
        using var server = Process.Start(info)!;
        try
        {
            _ = server.StandardError.ReadToEndAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            string? address = null;
            while (address is null && await server.StandardOutput.ReadLineAsync(wait.Token) is { } line)
                address = PageAddress().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
            Assert.NotNull(address);
            Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Contains("<title>NotaGen</title>", await http.GetStringAsync("/"), StringComparison.Ordinal);
            Assert.Contains("\"Schubert, Franz\"", await http.GetStringAsync("/api/options"), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public void A_missing_model_stops_serve_with_its_path()
    {
        var result = Notagen.Run(Path.GetTempPath(), "serve", "--model", "/nonexistent-model", "--port", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("notagen serve: /nonexistent-model", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_range_is_refused()
    {
        var result = Notagen.Run(Path.GetTempPath(), "serve", "--port", "70000");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port must be 0..65535", result.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"the page is at (http://\S+?)/? ")]
    private static partial Regex PageAddress();
}
