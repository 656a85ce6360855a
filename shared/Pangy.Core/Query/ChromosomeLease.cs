
namespace Pangy.Core.Query;

/// <summary>A request's hold on a <see cref="ChromosomeReader"/>; dispose it when the request is done.</summary>
public readonly struct ChromosomeLease : IDisposable
{
    internal ChromosomeLease(ChromosomeReader reader) { Reader = reader; }

    public ChromosomeReader Reader { get; }

    public void Dispose() => Reader?.Release();
}
