package dev.nativewatch.tck;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs each check against its fixture's declarations: publishes who and what is being checked (for
 * {@link TckReportListener}), skips what is n/a, and turns a declared deviation's failure into
 * {@link ExpectedDeviation} and its success into {@link UnexpectedPass}.
 */
public final class TckExtension implements BeforeEachCallback, InvocationInterceptor {

    static final String IMPLEMENTATION = "tck.implementation";
    static final String CHECK = "tck.check";
    static final String TAGS = "tck.tags";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TckExtension.class);
    private static final String CONTRACT_SUFFIX = "Contract";

    /** Created by JUnit, once per contract class that extends with it. */
    public TckExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        WatchServiceFixture fixture = fixtureOf(context);
        String check = checkId(context);
        context.publishReportEntry(Map.of(IMPLEMENTATION, fixture.name(), CHECK, check,
                TAGS, String.join(" ", new TreeSet<>(context.getTags()))));
        List<String> unknown = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(fixture, TckExtension::unknownDeclarations, List.class);
        if (!unknown.isEmpty()) {
            throw new AssertionFailedError("fixture " + fixture.name() + " declares checks that do not exist: " + unknown);
        }
        String notApplicable = notApplicable(fixture, check, context);
        if (notApplicable != null) {
            throw new TestAbortedException(notApplicable);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        runDeclared(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        runDeclared(invocation, context);
    }

    private static void runDeclared(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        String check = checkId(context);
        String reason = fixtureOf(context).expectedDeviations().get(check);
        if (reason == null) {
            invocation.proceed();
            return;
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException notApplicable) {
            throw notApplicable;
        } catch (Throwable failure) {
            throw new ExpectedDeviation(reason, failure);
        }
        throw new UnexpectedPass(check, reason);
    }

    /** @return why the check cannot run against this fixture, or null if it can */
    private static String notApplicable(WatchServiceFixture fixture, String check, ExtensionContext context) {
        String declared = fixture.notApplicable().get(check);
        if (declared != null) {
            return declared;
        }
        Set<String> tags = context.getTags();
        boolean universal = tags.contains(TckTags.SPEC) || tags.contains(TckTags.JDK_COMMON)
                || tags.contains(TckTags.EXTENSION) || tags.contains(TckTags.DEVIATION);
        if (!universal) {
            Platform platform = fixture.platform();
            boolean linux = tags.contains(TckTags.JDK_LINUX) && platform == Platform.LINUX;
            boolean windows = tags.contains(TckTags.JDK_WINDOWS) && platform == Platform.WINDOWS;
            if ((tags.contains(TckTags.JDK_LINUX) || tags.contains(TckTags.JDK_WINDOWS)) && !linux && !windows) {
                return "the JDK's behaviour on another platform (" + tags + "); " + (platform == Platform.host()
                        ? "this host runs " + System.getProperty("os.name")
                        : fixture.name() + " has " + platform + " semantics");
            }
        }
        Requires requires = context.getRequiredTestMethod().getAnnotation(Requires.class);
        if (requires != null) {
            for (Feature feature : requires.value()) {
                if (!fixture.extensions().claims(feature)) {
                    return "feature not claimed: " + feature;
                }
            }
        }
        return null;
    }

    private static WatchServiceFixture fixtureOf(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof WatchServiceContract contract)) {
            throw new IllegalStateException(TckExtension.class.getSimpleName() + " runs only WatchServiceContract checks");
        }
        return contract.fixture();
    }

    /** @return "Contract.method", with "[display name]" appended for an invocation of a parameterized check */
    static String checkId(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String id = contractName(method.getDeclaringClass()) + "." + method.getName();
        boolean template = context.getParent()
                .flatMap(ExtensionContext::getTestMethod)
                .filter(method::equals)
                .isPresent();
        return template ? id + "[" + context.getDisplayName() + "]" : id;
    }

    private static String contractName(Class<?> type) {
        String name = type.getSimpleName();
        return name.endsWith(CONTRACT_SUFFIX) ? name.substring(0, name.length() - CONTRACT_SUFFIX.length()) : name;
    }

    /** @return the declared check ids whose contract or method does not exist */
    private static List<String> unknownDeclarations(WatchServiceFixture fixture) {
        List<String> unknown = new ArrayList<>();
        Set<String> declared = new TreeSet<>(fixture.expectedDeviations().keySet());
        declared.addAll(fixture.notApplicable().keySet());
        for (String id : declared) {
            if (!exists(id)) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    private static boolean exists(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        int bracket = id.indexOf('[');
        String methodName = id.substring(dot + 1, bracket < 0 ? id.length() : bracket);
        try {
            Class<?> contract = Class.forName(TckExtension.class.getPackageName() + "." + id.substring(0, dot)
                    + CONTRACT_SUFFIX);
            return Arrays.stream(contract.getDeclaredMethods()).anyMatch(m -> m.getName().equals(methodName));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
