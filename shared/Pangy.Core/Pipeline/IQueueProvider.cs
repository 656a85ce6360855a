namespace Pangy.Core.Pipeline;

/// <summary>The queues of one storage account (or of one process), by name.</summary>
public interface IQueueProvider
{
    IMessageQueue Get(string name);
}
