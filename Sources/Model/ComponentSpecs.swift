// Spec fields are named as in the HSE platform documentation (reference/hse-platform).

/// `spec.image`: an image that already exists in the registry (`oneOf` reserves `newImage`).
public struct ImageReference: Codable, Equatable, Sendable {
    public var existingImageName: String
    public init(existingImageName: String) { self.existingImageName = existingImageName }
}

public struct EnvVar: Codable, Equatable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `spec.envFrom[]`: a Secret or ConfigMap whose keys become environment variables.
public struct EnvFromSource: Codable, Equatable, Sendable {
    public var secretRef: NameReference?
    public var configMapRef: NameReference?
    public init(secretRef: NameReference? = nil, configMapRef: NameReference? = nil) {
        self.secretRef = secretRef
        self.configMapRef = configMapRef
    }
}

public struct NameReference: Codable, Equatable, Sendable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// `spec.connectedBoxes[]`: a data box attached to the component.
public struct ConnectedBox: Codable, Equatable, Sendable {
    public var name: String
    public var mountPath: String?
    public init(name: String, mountPath: String? = nil) {
        self.name = name
        self.mountPath = mountPath
    }
}

/// Requests of compute; `cpu` in cores ("500m", "2"), `memory` as a quantity ("4G"), whole GPUs.
public struct Resources: Codable, Equatable, Sendable {
    public var cpu: String?
    public var memory: String?
    public var gpu: Int?
    public init(cpu: String? = nil, memory: String? = nil, gpu: Int? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.gpu = gpu
    }
}

/// How the local driver runs a component without a container engine.
public struct LocalRun: Codable, Equatable, Sendable {
    public var command: String
    public var workdir: String?
    public var env: [EnvVar]
    /// An HTTP path whose answer (any status below 500) means the service is up; without one, an
    /// accepted TCP connection on its port does.
    public var healthPath: String?
    /// How long a start may take before it counts as failed (default 60).
    public var healthTimeoutSeconds: Int?
    private enum CodingKeys: String, CodingKey { case command, workdir, env, healthPath, healthTimeoutSeconds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decode(String.self, forKey: .command)
        workdir = try c.decodeIfPresent(String.self, forKey: .workdir)
        env = try c.decodeIfPresent([EnvVar].self, forKey: .env) ?? []
        healthPath = try c.decodeIfPresent(String.self, forKey: .healthPath)
        healthTimeoutSeconds = try c.decodeIfPresent(Int.self, forKey: .healthTimeoutSeconds)
    }

    public init(command: String, workdir: String? = nil, env: [EnvVar] = [], healthPath: String? = nil, healthTimeoutSeconds: Int? = nil) {
        self.command = command
        self.workdir = workdir
        self.env = env
        self.healthPath = healthPath
        self.healthTimeoutSeconds = healthTimeoutSeconds
    }
}

/// `MLComponent`: a synchronous inference service.
public struct MLComponentSpec: Codable, Equatable, Sendable {
    public static let defaultServicePort = 8002

    public var image: ImageReference
    public var servicePort: Int
    public var env: [EnvVar]
    public var envFrom: [EnvFromSource]
    public var modelPath: String?
    public var modelBox: String?
    public var connectedBoxes: [ConnectedBox]
    public var resources: Resources?
    public var run: LocalRun?

    private enum CodingKeys: String, CodingKey {
        case image, servicePort, env, envFrom, modelPath, modelBox, connectedBoxes, resources, run
    }

    /// Absent fields take the CRD's defaults (servicePort 8002, empty lists), as the platform does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        image = try c.decode(ImageReference.self, forKey: .image)
        servicePort = try c.decodeIfPresent(Int.self, forKey: .servicePort) ?? Self.defaultServicePort
        env = try c.decodeIfPresent([EnvVar].self, forKey: .env) ?? []
        envFrom = try c.decodeIfPresent([EnvFromSource].self, forKey: .envFrom) ?? []
        modelPath = try c.decodeIfPresent(String.self, forKey: .modelPath)
        modelBox = try c.decodeIfPresent(String.self, forKey: .modelBox)
        connectedBoxes = try c.decodeIfPresent([ConnectedBox].self, forKey: .connectedBoxes) ?? []
        resources = try c.decodeIfPresent(Resources.self, forKey: .resources)
        run = try c.decodeIfPresent(LocalRun.self, forKey: .run)
    }

    public init(
        image: ImageReference, servicePort: Int = MLComponentSpec.defaultServicePort, env: [EnvVar] = [],
        envFrom: [EnvFromSource] = [], modelPath: String? = nil, modelBox: String? = nil,
        connectedBoxes: [ConnectedBox] = [], resources: Resources? = nil, run: LocalRun? = nil
    ) {
        self.image = image
        self.servicePort = servicePort
        self.env = env
        self.envFrom = envFrom
        self.modelPath = modelPath
        self.modelBox = modelBox
        self.connectedBoxes = connectedBoxes
        self.resources = resources
        self.run = run
    }
}

public struct PipelineVar: Codable, Equatable, Sendable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// One stage of a pipeline; each input and output variable reaches it as `UNIP_PIPELINE_<VAR>`.
public struct PipelineStage: Codable, Equatable, Sendable {
    public var name: String
    public var image: ImageReference
    public var inputs: [PipelineVar]
    public var outputs: [PipelineVar]
    public var run: LocalRun?
    private enum CodingKeys: String, CodingKey { case name, image, inputs, outputs, run }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        image = try c.decode(ImageReference.self, forKey: .image)
        inputs = try c.decodeIfPresent([PipelineVar].self, forKey: .inputs) ?? []
        outputs = try c.decodeIfPresent([PipelineVar].self, forKey: .outputs) ?? []
        run = try c.decodeIfPresent(LocalRun.self, forKey: .run)
    }

    public init(name: String, image: ImageReference, inputs: [PipelineVar] = [], outputs: [PipelineVar] = [], run: LocalRun? = nil) {
        self.name = name
        self.image = image
        self.inputs = inputs
        self.outputs = outputs
        self.run = run
    }
}

/// `ExperimentPipeline`: asynchronous stages over files.
public struct ExperimentPipelineSpec: Codable, Equatable, Sendable {
    public var vars: [PipelineVar]
    public var stages: [PipelineStage]
    public var continueWith: String?
    private enum CodingKeys: String, CodingKey { case vars, stages, continueWith }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vars = try c.decodeIfPresent([PipelineVar].self, forKey: .vars) ?? []
        stages = try c.decode([PipelineStage].self, forKey: .stages)
        continueWith = try c.decodeIfPresent(String.self, forKey: .continueWith)
    }

    public init(vars: [PipelineVar], stages: [PipelineStage], continueWith: String? = nil) {
        self.vars = vars
        self.stages = stages
        self.continueWith = continueWith
    }
}

public struct S3DefaultStorage: Codable, Equatable, Sendable {
    /// Omitted means 1 GB.
    public var capacity: String?
    public init(capacity: String? = nil) { self.capacity = capacity }
}

/// `DataBox`: S3-backed file storage.
public struct DataBoxSpec: Codable, Equatable, Sendable {
    public var s3DefaultStorage: S3DefaultStorage
    private enum CodingKeys: String, CodingKey { case s3DefaultStorage }

    /// `s3DefaultStorage` may be absent or `{}`: the box then has the default 1 GB.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        s3DefaultStorage = try c.decodeIfPresent(S3DefaultStorage.self, forKey: .s3DefaultStorage) ?? S3DefaultStorage()
    }

    public init(s3DefaultStorage: S3DefaultStorage = S3DefaultStorage()) { self.s3DefaultStorage = s3DefaultStorage }

    /// The capacity in force: the declared one or the 1 GB default.
    public var capacity: Capacity? {
        guard let text = s3DefaultStorage.capacity else { return .dataBoxDefault }
        return Capacity(text)
    }
}

public struct APISpec: Codable, Equatable, Sendable {
    public var inputs: [PipelineVar]
    public var outputs: [PipelineVar]
    public init(inputs: [PipelineVar], outputs: [PipelineVar]) {
        self.inputs = inputs
        self.outputs = outputs
    }
}

public struct BasicAuth: Codable, Equatable, Sendable {
    /// Name of the Secret listing the permitted users.
    public var credentials: String
    public init(credentials: String) { self.credentials = credentials }
}

public struct APIAuth: Codable, Equatable, Sendable {
    public var basic: BasicAuth?
    public var identityPassThrough: Bool?
    public init(basic: BasicAuth? = nil, identityPassThrough: Bool? = nil) {
        self.basic = basic
        self.identityPassThrough = identityPassThrough
    }
}

/// `spec.restfulApi`: the component is reachable at `/<namespace>/<path>/predict`.
public struct RestfulAPI: Codable, Equatable, Sendable {
    public var path: String
    public var auth: APIAuth?
    public init(path: String, auth: APIAuth? = nil) {
        self.path = path
        self.auth = auth
    }
}

/// `APIComponent`: publishes an ML component or a pipeline over HTTP.
public struct APIComponentSpec: Codable, Equatable, Sendable {
    public var published: Bool
    public var mlComponent: NameReference?
    public var experimentPipeline: NameReference?
    public var apiSpec: APISpec?
    public var restfulApi: RestfulAPI
    private enum CodingKeys: String, CodingKey { case published, mlComponent, experimentPipeline, apiSpec, restfulApi }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        published = try c.decodeIfPresent(Bool.self, forKey: .published) ?? true
        mlComponent = try c.decodeIfPresent(NameReference.self, forKey: .mlComponent)
        experimentPipeline = try c.decodeIfPresent(NameReference.self, forKey: .experimentPipeline)
        apiSpec = try c.decodeIfPresent(APISpec.self, forKey: .apiSpec)
        restfulApi = try c.decode(RestfulAPI.self, forKey: .restfulApi)
    }

    public init(
        published: Bool, mlComponent: NameReference? = nil, experimentPipeline: NameReference? = nil,
        apiSpec: APISpec? = nil, restfulApi: RestfulAPI
    ) {
        self.published = published
        self.mlComponent = mlComponent
        self.experimentPipeline = experimentPipeline
        self.apiSpec = apiSpec
        self.restfulApi = restfulApi
    }
}
