package org.backpropninja.notebook;

import java.lang.reflect.InvocationTargetException;

/**
 * Exercise 4 from the command line (docs/workbook.md): compiles src/workbook alone when it changed
 * ({@link WorkbookSource}) and runs its {@code Exercise4} with the arguments given.
 *
 * <pre>  mvn -q -Pworkbook test-compile exec:java [-Dexec.args="--steps 200000"]</pre>
 */
public final class WorkbookTraining {

    private WorkbookTraining() {
    }

    public static void main(String[] args) throws Throwable {
        Class<?> exercise4;
        try {
            exercise4 = WorkbookSource.load("org.backpropninja.workbook.Exercise4");
        } catch (WorkbookSource.Unusable e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            exercise4.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
