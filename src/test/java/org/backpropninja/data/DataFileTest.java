package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** names.txt is committed at the repository's top level, where the tests (and users) run; nowhere else is looked at. */
class DataFileTest {

    @Test
    void theCommittedNamesTxtIsFoundInTheWorkingDirectoryAndIsMakemoresDataset() {
        Path p = DataFile.locate(Optional.empty());
        assertEquals(Path.of("names.txt"), p);
        List<String> names = Names.read(p);
        assertEquals(32_033, names.size());
        assertEquals(List.of("emma", "olivia", "ava"), names.subList(0, 3));
        assertEquals("zzyzx", names.get(names.size() - 1));
    }

    @Test
    void withoutNamesTxtTheSentenceSaysWhereToGetIt(@TempDir Path empty) {
        DataException e = assertThrows(DataException.class, () -> DataFile.locate(Optional.empty(), empty));
        assertEquals("names.txt not found in the current directory: run from the repository's top level, which holds"
                + " it (makemore's names.txt dataset, 32,033 names, one per line), or pass --data PATH", e.getMessage());
    }

    @Test
    void dataOverridesTheWorkingDirectory(@TempDir Path empty) {
        assertEquals(Path.of("names.txt"), DataFile.locate(Optional.of("names.txt"), empty));
        assertTrue(assertThrows(DataException.class, () -> DataFile.locate(Optional.of(empty.resolve("x.txt").toString()),
                empty)).getMessage().endsWith("no such file"));
    }
}
