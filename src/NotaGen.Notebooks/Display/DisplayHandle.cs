namespace NotaGen.Notebooks.Display;

/// <summary>
/// What <c>display(value)</c> returns: a handle whose <see cref="Update"/> replaces the shown output in place
/// (Jupyter's update_display_data), e.g. for a training curve redrawn every few steps.
/// </summary>
public sealed class DisplayHandle(ICellOutput output)
{
    public string DisplayId { get; } = Guid.NewGuid().ToString("N");

    public void Update(object? value) => output.Display(MimeBundle.For(value), DisplayId, update: true);

    internal void Show(object? value) => output.Display(MimeBundle.For(value), DisplayId, update: false);
}
