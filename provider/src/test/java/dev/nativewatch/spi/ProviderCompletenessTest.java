package dev.nativewatch.spi;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every method a subclass of the running JDK's {@link FileSystemProvider} can override is overridden, so that
 * nothing falls through to a default built on other calls (as {@code exists} did on JDK 20: a thrown exception
 * per missing file). Run on a newer JDK, this names the methods that JDK added.
 */
class ProviderCompletenessTest {

    @Test
    void everyOverridableMethodOfThisJdksProviderIsDeclared() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Method method : FileSystemProvider.class.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                continue;
            }
            checked++;
            try {
                Method ours = NativeWatchFileSystemProvider.class.getDeclaredMethod(method.getName(),
                        method.getParameterTypes());
                int ourModifiers = ours.getModifiers();
                // Same name, parameter types and return type, public, not static: an override on this JDK.
                if (!Modifier.isPublic(ourModifiers) || Modifier.isStatic(ourModifiers) || ours.isSynthetic()
                        || ours.getReturnType() != method.getReturnType()) {
                    missing.add(method.toGenericString() + " (declared as " + ours.toGenericString() + ")");
                }
            } catch (NoSuchMethodException e) {
                missing.add(method.toGenericString());
            }
        }
        assertTrue(checked >= 25, "only " + checked + " methods checked: the reflection above is wrong");
        assertEquals(List.of(), missing, "FileSystemProvider methods of JDK " + Runtime.version()
                + " that NativeWatchFileSystemProvider does not override");
    }

    /** Declared to override on JDK 20+; here the JDK must dispatch to them. */
    @Test
    void theMethodsAddedInJdk20OverrideWhereTheyExist() throws Exception {
        for (Method method : FileSystemProvider.class.getDeclaredMethods()) {
            if (method.getName().equals("exists") || method.getName().equals("readAttributesIfExists")) {
                Method resolved = NativeWatchFileSystemProvider.class.getMethod(method.getName(),
                        method.getParameterTypes());
                assertEquals(NativeWatchFileSystemProvider.class, resolved.getDeclaringClass(), resolved.toString());
            }
        }
    }
}
