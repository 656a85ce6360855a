using Microsoft.Azure.Functions.Worker.Middleware;
using Pangy.Http.Responses;

namespace Pangy.Functions.Query;

/// <summary>
/// Turns an exception thrown by a function (a handler's refusal: 400, 404, 413, 503; or a fault: 500) into the same
/// JSON error <c>pangy serve</c> answers, instead of the host's empty 500.
/// </summary>
public sealed class JsonErrorMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && context.GetHttpContext() is not null)
        {
            // A reflection-based invoker wraps what the function threw; answer the function's own exception.
            var thrown = e is System.Reflection.TargetInvocationException or AggregateException && e.InnerException is { } inner ? inner : e;
            context.GetInvocationResult().Value = ErrorResponses.For(thrown);
        }
    }
}
