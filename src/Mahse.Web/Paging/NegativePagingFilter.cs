using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Mahse.Web.Paging;

/// <summary>
/// Umbraco's Delivery API hands a negative <c>skip</c> or <c>take</c> straight to Examine, which throws, and the caller
/// gets a 500. This answers such a request the way ASP.NET Core answers any other invalid query value: a 400
/// validation problem naming the parameter. It applies to every API action with an integer skip or take.
/// </summary>
public sealed class NegativePagingFilter : IAsyncActionFilter
{
    private static readonly string[] Parameters = ["skip", "take"];

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var refused = false;
        foreach (var name in Parameters)
        {
            if (context.ActionArguments.TryGetValue(name, out var value) && value is int and < 0)
            {
                context.ModelState.AddModelError(name, $"{char.ToUpperInvariant(name[0])}{name[1..]} cannot be negative.");
                refused = true;
            }
        }

        // Only what this filter refused: other model state is the action's own business.
        if (!refused)
        {
            return next();
        }

        // ASP.NET Core's own factory, so the answer has the same shape (type, title, trace id) as its other 400s.
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, context.ModelState, StatusCodes.Status400BadRequest);
        context.Result = new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
        return Task.CompletedTask;
    }
}
