namespace NotaGen.Music.Transposition;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Offset"/> of the source text.</summary>
internal readonly record struct TextEdit(int Offset, int Length, string Replacement);
