package io.coachmatch.serving.admin;

import io.coachmatch.serving.catalog.CatalogLoader;
import io.coachmatch.serving.models.ModelService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator actions; every path here needs the admin token (see the security package). */
@RestController
class AdminController {

    private final ModelService models;
    private final CatalogLoader catalog;

    AdminController(ModelService models, CatalogLoader catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    @PostMapping("/admin/models/reload")
    ResponseEntity<ModelService.ReloadResult> reloadModels() {
        ModelService.ReloadResult r = models.reload();
        HttpStatus status = r.status().equals("refused") ? HttpStatus.CONFLICT : HttpStatus.OK;
        return ResponseEntity.status(status).body(r);
    }

    @PostMapping("/admin/catalog/reload")
    Map<String, Object> reloadCatalog() {
        boolean fromBackend = catalog.refreshFromBackend();
        if (!fromBackend) {
            catalog.loadFile();
        }
        return Map.of("source", fromBackend ? "backend" : "file");
    }
}
