namespace NotaGen.Notebooks.Scripting;

/// <summary>An assembly every cell can use without <c>#r</c>, and the namespaces imported with it.</summary>
/// <param name="AssemblyName">Simple name, resolved from the host's own assemblies; never loaded just for this,
/// so listing a heavy library costs nothing until a cell uses it.</param>
public sealed record ScriptLibrary(string AssemblyName, params string[] Imports);
