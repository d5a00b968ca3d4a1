using System.CommandLine;
using NotaGen.Cli.Commands;

var root = new RootCommand("notagen: the NotaGen research workbench on the command line (ABC, MusicXML, MIDI, models).");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);

return await root.Parse(args).InvokeAsync();
