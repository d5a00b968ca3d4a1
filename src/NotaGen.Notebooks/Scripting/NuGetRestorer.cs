using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace NotaGen.Notebooks.Scripting;

/// <summary>The error a cell shows when <c>#r "nuget: ..."</c> cannot be restored.</summary>
public sealed class PackageRestoreException(string message) : Exception(message);

/// <summary>
/// Resolves <c>#r "nuget: ..."</c> for real: writes a small project listing every package the session asked for,
/// runs <c>dotnet restore</c> (so the machine's NuGet configuration, feeds and global package folder apply) in a
/// cache folder keyed by that list, and reads the assemblies to reference from <c>project.assets.json</c>.
/// A list restored once is not restored again.
/// </summary>
public sealed class NuGetRestorer(string cacheRoot)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string DefaultCacheRoot =>
        Environment.GetEnvironmentVariable("NOTAGEN_NUGET_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "notagen", "nuget-restore");

    /// <summary>Runtime assembly paths of the packages and their dependencies (the host's copy where it has one).</summary>
    public IReadOnlyList<string> Restore(IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources)
    {
        var framework = $"net{Environment.Version.Major}.0";
        var project = ProjectText(packages, framework);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(project + string.Join('\n', sources))))[..16];
        var dir = Path.Combine(cacheRoot, key);
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        if (!File.Exists(assets))
            RunRestore(dir, project, sources, packages);
        return ReadAssemblies(assets, framework);
    }

    private static string ProjectText(IReadOnlyList<PackageRequest> packages, string framework)
    {
        var references = string.Join("\n", packages.Select(p => $"    <PackageReference Include=\"{p.Name}\" Version=\"{p.Version ?? "*"}\" />"));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """;
    }

    private static void RunRestore(string dir, string project, IReadOnlyList<string> sources, IReadOnlyList<PackageRequest> packages)
    {
        Directory.CreateDirectory(dir);
        // Stop MSBuild from importing build settings of whatever folder the cache sits under.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(dir, file), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "restore.csproj"), project);

        var dotnet = DotnetMuxer.Find() ?? throw new PackageRestoreException("#r \"nuget: ...\" needs the dotnet SDK on PATH, and none was found.");
        var info = new ProcessStartInfo(dotnet) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("restore");
        info.ArgumentList.Add("restore.csproj");
        info.ArgumentList.Add("--nologo");
        foreach (var source in sources)
        {
            info.ArgumentList.Add("--source");
            info.ArgumentList.Add(source);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new PackageRestoreException($"dotnet restore ran longer than {Timeout.TotalMinutes:0} minutes.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var errors = (stdout.Result + "\n" + stderr.Result).Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Trim())
                .Select(l => l.Contains(": error ") ? l[(l.IndexOf(": error ", StringComparison.Ordinal) + 2)..] : l)
                .Select(l => l.Replace($" [{Path.Combine(dir, "restore.csproj")}]", ""))
                .Distinct()
                .Take(5);
            var names = string.Join(", ", packages.Select(p => p.Version is null ? p.Name : $"{p.Name} {p.Version}"));
            Directory.Delete(dir, recursive: true);
            throw new PackageRestoreException($"Could not restore the NuGet package(s) {names}:\n" + string.Join('\n', errors));
        }
    }

    private static List<string> ReadAssemblies(string assetsPath, string framework)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!;
        var packageFolders = assets["packageFolders"]!.AsObject().Select(p => p.Key).ToList();
        var libraries = assets["libraries"]!.AsObject();
        var target = assets["targets"]![framework]!.AsObject();
        var paths = new List<string>();
        foreach (var (id, library) in target)
        {
            if ((string?)library!["type"] != "package" || library["runtime"] is not JsonObject runtime)
                continue;
            var relative = (string)libraries[id]!["path"]!;
            foreach (var (file, _) in runtime)
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    continue; // "_._" marks a package the framework already provides
                // A copy of an assembly the host already has (System.Text.Json 7 under .NET 10, or a library the
                // workbench ships) would clash with the one loaded: the host's copy is referenced instead.
                var full = HostAssemblies.Find(Path.GetFileNameWithoutExtension(file))
                    ?? packageFolders.Select(f => Path.Combine(f, relative, file)).FirstOrDefault(File.Exists);
                if (full is not null)
                    paths.Add(full);
            }
        }
        return paths;
    }
}
