using System.CommandLine;
using System.Diagnostics;
using NotaGen.Notebooks.Installing;
using NotaGen.Notebooks.Kernel;
using NotaGen.Notebooks.Protocol;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen kernel</c>: the C# Jupyter kernel, and <c>notagen kernel install</c> for its kernelspec.</summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<FileInfo>("--connection-file") { Description = "The connection file written by the Jupyter client." };
        var command = new Command("kernel", "Run the C# (NotaGen) Jupyter kernel, as started by Jupyter, VS Code or nbconvert.") { connectionFile };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(connectionFile);
            if (file is null || !file.Exists)
            {
                Console.Error.WriteLine("notagen kernel: give the Jupyter connection file with --connection-file FILE (Jupyter does this; to set the kernel up run 'notagen kernel install').");
                return 2;
            }
            ConnectionInfo connection;
            try
            {
                connection = ConnectionInfo.Load(file.FullName);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"notagen kernel: {file.FullName}: {e.Message}");
                return 2;
            }
            var started = Stopwatch.StartNew();
            using var server = new KernelServer(connection, new ScriptSession(Environment.CurrentDirectory));
            Console.Error.WriteLine($"[notagen kernel] listening ({started.ElapsedMilliseconds} ms to start)");
            server.Run();
            return 0;
        });
        command.Subcommands.Add(CreateInstall());
        return command;
    }

    private static Command CreateInstall()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (the default)." };
        var prefix = new Option<DirectoryInfo>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (a virtual environment, a temp folder for CI)." };
        var papermill = new Option<bool>("--papermill-alias") { Description = $"Also install it as '{KernelSpecInstaller.PapermillAlias}', the kernel name papermill translates parameters for (replaces a .NET Interactive kernelspec of that name)." };
        var command = new Command("install", "Write the 'notagen-csharp' kernelspec (\"C# (NotaGen)\") that starts this build of notagen.") { user, prefix, papermill };
        command.SetAction(parse =>
        {
            var prefixDir = parse.GetValue(prefix);
            if (prefixDir is not null && parse.GetValue(user))
            {
                Console.Error.WriteLine("notagen kernel install: give either --user or --prefix DIR, not both.");
                return 2;
            }
            var kernels = prefixDir is null ? KernelSpecInstaller.UserKernelsDirectory() : KernelSpecInstaller.PrefixKernelsDirectory(prefixDir.FullName);
            var cli = typeof(KernelCommand).Assembly.Location;
            var argv = KernelSpecInstaller.KernelCommand(cli);
            // Jupyter starts kernels with its own environment: the shared data folder known now travels in the spec.
            var shared = KernelSpecInstaller.SharedDataFolder(cli);
            var environment = shared is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["NOTAGEN_SHARED"] = shared };
            var dir = KernelSpecInstaller.Install(kernels, argv, environment);
            Console.WriteLine($"Installed kernelspec '{KernelLanguage.KernelName}' (\"{KernelLanguage.DisplayName}\") in {dir}");
            Console.WriteLine(shared is null
                ? "NOTAGEN_SHARED: not set and no 'shared' folder beside the clone; notebooks that read the shared data need it set before Jupyter starts."
                : $"NOTAGEN_SHARED={shared} (in the kernelspec's env)");
            if (parse.GetValue(papermill))
            {
                var alias = KernelSpecInstaller.Install(kernels, argv, environment, KernelSpecInstaller.PapermillAlias);
                Console.WriteLine($"Installed the papermill alias '{KernelSpecInstaller.PapermillAlias}' in {alias}");
            }
            return 0;
        });
        return command;
    }
}
